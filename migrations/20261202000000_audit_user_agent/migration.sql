-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "userAgent" TEXT;
