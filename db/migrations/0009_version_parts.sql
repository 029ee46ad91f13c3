CREATE TABLE `section_version_parts` (
	`version_id` text NOT NULL,
	`part` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`version_id`, `part`)
);
--> statement-breakpoint
ALTER TABLE `section_versions` ADD `parts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `section_version_parts_follow_version` AFTER DELETE ON `section_versions`
BEGIN
	DELETE FROM `section_version_parts` WHERE `version_id` = OLD.`id`;
END;
