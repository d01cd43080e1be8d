// npm run db:migrate — applies db/migrations to DATABASE_PATH (the server also does this at start).
import { migrateDatabase, openDatabase } from "~/modules/db/database.server";
import { env } from "~/modules/config/env.server";

const sqlite = openDatabase(env().DATABASE_PATH);
migrateDatabase(sqlite);
sqlite.close();
console.log(`Migrated ${env().DATABASE_PATH}`);
