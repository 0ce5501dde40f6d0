-- The first step of the interventieladder on a claim not offset: the
-- aanmaning (Awb 4:112) a person sent after the payment term passed.
-- aanmaning_op: the day it was sent (it also interrupts limitation, Awb
-- 4:105); aanmaning_betalen_voor: the last day to pay (two weeks).
ALTER TABLE vorderingen ADD COLUMN aanmaning_op TEXT;
ALTER TABLE vorderingen ADD COLUMN aanmaning_betalen_voor TEXT;
