CREATE TABLE `section_version_authors` (
	`version_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`version_id`, `user_id`),
	FOREIGN KEY (`version_id`) REFERENCES `section_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `section_versions` ADD `kind` text DEFAULT 'phase' NOT NULL;--> statement-breakpoint
ALTER TABLE `section_versions` ADD `word_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `section_versions` ADD `excerpt` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `section_versions` ADD `digest` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `section_versions` ADD `seq` integer DEFAULT 0 NOT NULL;