-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "credential_version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "credential_version" INTEGER NOT NULL DEFAULT 1;
