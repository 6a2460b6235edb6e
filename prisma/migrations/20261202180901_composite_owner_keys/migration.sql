-- DropForeignKey
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_contract_id_fkey";

-- DropForeignKey
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_equipment_id_fkey";

-- DropForeignKey
ALTER TABLE "equipment" DROP CONSTRAINT "equipment_contract_id_fkey";

-- DropForeignKey
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_purchase_id_fkey";

-- DropForeignKey
ALTER TABLE "licenses" DROP CONSTRAINT "licenses_purchase_id_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "contracts_id_user_id_key" ON "contracts"("id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "equipment_id_contract_id_user_id_key" ON "equipment"("id", "contract_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_purchase_id_user_id_key" ON "invoices"("purchase_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "licenses_purchase_id_user_id_key" ON "licenses"("purchase_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "purchases_id_user_id_key" ON "purchases"("id", "user_id");

-- AddForeignKey
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_contract_id_user_id_fkey" FOREIGN KEY ("contract_id", "user_id") REFERENCES "contracts"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_equipment_id_contract_id_user_id_fkey" FOREIGN KEY ("equipment_id", "contract_id", "user_id") REFERENCES "equipment"("id", "contract_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_contract_id_user_id_fkey" FOREIGN KEY ("contract_id", "user_id") REFERENCES "contracts"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_purchase_id_user_id_fkey" FOREIGN KEY ("purchase_id", "user_id") REFERENCES "purchases"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_purchase_id_user_id_fkey" FOREIGN KEY ("purchase_id", "user_id") REFERENCES "purchases"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;
