ALTER TABLE `milestones` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `phases` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `blocked_reason` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `updated_by` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `assignments` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `activity_task_force_verb_idx` ON `activity` (`task_force_id`,`verb`,`at`);