/** A backup's file name: `convene-20261206T173000Z.db`, the UTC time it was taken, to the second. */
export function backupFileName(at: Date): string {
	return `convene-${at
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replace(/[-:]/g, '')}.db`
}

const BACKUP_FILE_NAME = /^convene-\d{8}T\d{6}Z\.db$/

/** Whether `name` is one that `backupFileName` gives: rotation touches no other file. */
export function isBackupFileName(name: string): boolean {
	return BACKUP_FILE_NAME.test(name)
}
