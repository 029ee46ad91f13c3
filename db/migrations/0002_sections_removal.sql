ALTER TABLE `sections` ADD `status_note` text;--> statement-breakpoint
ALTER TABLE `sections` ADD `removed_at` integer;