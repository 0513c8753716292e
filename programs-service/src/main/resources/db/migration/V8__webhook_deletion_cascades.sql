-- Deleting a subscription takes its deliveries and their attempts with it, in one statement: the dispatcher may be
-- recording an attempt at that very moment, which two separate deletes could not see (a foreign-key race).
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_subscription_id_fkey,
    ADD CONSTRAINT webhook_delivery_subscription_id_fkey FOREIGN KEY (subscription_id)
        REFERENCES webhook_subscription (id) ON DELETE CASCADE;
ALTER TABLE webhook_attempt DROP CONSTRAINT webhook_attempt_delivery_id_fkey,
    ADD CONSTRAINT webhook_attempt_delivery_id_fkey FOREIGN KEY (delivery_id)
        REFERENCES webhook_delivery (id) ON DELETE CASCADE;
