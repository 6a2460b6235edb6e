-- DropIndex
DROP INDEX "tickets_status_sla_due_at_idx";

-- CreateIndex
CREATE INDEX "tickets_status_sla_due_at_priority_created_at_id_idx" ON "tickets"("status", "sla_due_at", "priority" DESC, "created_at", "id");

-- CreateIndex
CREATE INDEX "tickets_sla_due_at_priority_created_at_id_idx" ON "tickets"("sla_due_at", "priority" DESC, "created_at", "id");
