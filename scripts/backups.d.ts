// Types of scripts/backups.js (plain JS, so that the production image runs it without tsx).
export class BackupError extends Error {}
export type BackupSummary = { migrations: number; bytes: number };
export function backupDatabase(source: string, target: string, options?: { now?: Date }): Promise<BackupSummary & { file: string }>;
export function checkBackup(file: string): BackupSummary;
export function restoreDatabase(backup: string, target: string, options?: { now?: Date }): BackupSummary & { kept: string | null };
