-- AlterEnum
ALTER TYPE "UserTokenPurpose" ADD VALUE 'END_SESSIONS';
