CREATE TABLE `section_reviews` (
	`section_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`decision` text,
	`note` text,
	`decided_at` integer,
	PRIMARY KEY(`section_id`, `reviewer_id`),
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `section_reviews_reviewer_idx` ON `section_reviews` (`reviewer_id`);--> statement-breakpoint
ALTER TABLE `sections` ADD `open_suggestions` integer DEFAULT 0 NOT NULL;