CREATE TABLE `edition_files` (
	`edition_id` text NOT NULL,
	`format` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`edition_id`, `format`),
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `edition_files_edition_idx` ON `edition_files` (`edition_id`);--> statement-breakpoint
CREATE TABLE `edition_sections` (
	`edition_id` text NOT NULL,
	`position` integer NOT NULL,
	`section_id` text,
	`title` text NOT NULL,
	`state` blob NOT NULL,
	PRIMARY KEY(`edition_id`, `position`),
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `editions` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`document_id` text,
	`major` integer NOT NULL,
	`minor` integer NOT NULL,
	`title` text NOT NULL,
	`change_note` text,
	`html` text NOT NULL,
	`contributors` text NOT NULL,
	`override_reason` text,
	`published_at` integer NOT NULL,
	`published_by` text,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_number_idx` ON `editions` (`task_force_id`,`major`,`minor`);--> statement-breakpoint
ALTER TABLE `users` ADD `credit_as` text DEFAULT 'name_and_organization' NOT NULL;--> statement-breakpoint
ALTER TABLE `task_forces` ADD `public_page` integer DEFAULT false NOT NULL;