CREATE TABLE `doc_snapshots` (
	`doc_id` text PRIMARY KEY NOT NULL,
	`state` blob NOT NULL,
	`seq` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `doc_updates` (
	`doc_id` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	`user_id` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`doc_id`, `seq`),
	FOREIGN KEY (`doc_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `documents_task_force_idx` ON `documents` (`task_force_id`);--> statement-breakpoint
CREATE TABLE `section_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`section_id` text NOT NULL,
	`label` text NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `section_versions_section_idx` ON `section_versions` (`section_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sections` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`subcommittee_id` text,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`target_words` integer,
	`word_count` integer DEFAULT 0 NOT NULL,
	`due_on` text,
	`last_edited_at` integer,
	`last_edited_by` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subcommittee_id`) REFERENCES `subcommittees`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`last_edited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sections_document_position_idx` ON `sections` (`document_id`,`position`);--> statement-breakpoint
CREATE INDEX `sections_subcommittee_idx` ON `sections` (`subcommittee_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calendar_feeds_user_idx` ON `calendar_feeds` (`user_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`region` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_name_unique` ON `organizations` (`name`);--> statement-breakpoint
CREATE INDEX `organizations_sector_idx` ON `organizations` (`sector`);--> statement-breakpoint
CREATE TABLE `outbound_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbound_messages_unsent_idx` ON `outbound_messages` (`sent_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`organization_id` text,
	`password_hash` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "users_email_lower_case" CHECK(email = lower(email))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_organization_idx` ON `users` (`organization_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`task_force_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`task_force_id`, `user_id`),
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`phase_id` text NOT NULL,
	`title` text NOT NULL,
	`due_on` text NOT NULL,
	`completed_at` integer,
	`completed_by` text,
	`waived_reason` text,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `milestones_task_force_due_idx` ON `milestones` (`task_force_id`,`due_on`);--> statement-breakpoint
CREATE INDEX `milestones_phase_idx` ON `milestones` (`phase_id`);--> statement-breakpoint
CREATE TABLE `phases` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'upcoming' NOT NULL,
	`entered_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `phases_task_force_kind_idx` ON `phases` (`task_force_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `phases_task_force_position_idx` ON `phases` (`task_force_id`,`position`);--> statement-breakpoint
CREATE TABLE `subcommittee_members` (
	`subcommittee_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`subcommittee_id`, `user_id`),
	FOREIGN KEY (`subcommittee_id`) REFERENCES `subcommittees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subcommittee_members_user_idx` ON `subcommittee_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `subcommittees` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`name` text NOT NULL,
	`charge` text DEFAULT '' NOT NULL,
	`lead_user_id` text,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subcommittees_task_force_name_idx` ON `subcommittees` (`task_force_id`,`name`);--> statement-breakpoint
CREATE INDEX `subcommittees_lead_idx` ON `subcommittees` (`lead_user_id`);--> statement-breakpoint
CREATE TABLE `task_forces` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`time_zone` text NOT NULL,
	`publication_date` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_forces_slug_unique` ON `task_forces` (`slug`);--> statement-breakpoint
CREATE TABLE `activity` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text,
	`actor_id` text,
	`verb` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`data` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activity_task_force_at_idx` ON `activity` (`task_force_id`,`at`);--> statement-breakpoint
CREATE INDEX `activity_actor_idx` ON `activity` (`actor_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`subcommittee_id` text NOT NULL,
	`section_id` text,
	`assignee_id` text,
	`phase_kind` text NOT NULL,
	`title` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'todo' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subcommittee_id`) REFERENCES `subcommittees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignments_task_force_status_idx` ON `assignments` (`task_force_id`,`status`);--> statement-breakpoint
CREATE INDEX `assignments_task_force_due_idx` ON `assignments` (`task_force_id`,`due_on`);--> statement-breakpoint
CREATE INDEX `assignments_subcommittee_idx` ON `assignments` (`subcommittee_id`);--> statement-breakpoint
CREATE INDEX `assignments_assignee_idx` ON `assignments` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `assignments_section_idx` ON `assignments` (`section_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`task_force_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`subcommittee_id` text,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`task_force_id`) REFERENCES `task_forces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subcommittee_id`) REFERENCES `subcommittees`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `invitations_task_force_idx` ON `invitations` (`task_force_id`);--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);