export const USAGE = `Convene backups. Work on $DATA_DIR/convene.db (default ./data).

Usage:
  npm run backup                 copy the database into $BACKUP_DIR (default $DATA_DIR/backups)
                                 as convene-<UTC time, e.g. 20261206T173000Z>.db
  npm run backup -- FILE         copy it into FILE, a new file
  npm run restore -- FILE        restore the backup FILE into $DATA_DIR, which must hold no database

A backup is taken with SQLite's online backup while the server runs, checked
(PRAGMA integrity_check) and only then given its name. A restore refuses a data folder that
already has convene.db: stop the server and move the old data folder away first.

Exit status: 0 done, 1 refused or failed (nothing written), 2 wrong usage.
`
