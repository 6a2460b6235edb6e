-- CreateIndex
CREATE INDEX "contracts_user_id_id_idx" ON "contracts"("user_id", "id");
