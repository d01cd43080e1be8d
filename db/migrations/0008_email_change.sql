ALTER TABLE `verification_tokens` ADD `new_email` text;
