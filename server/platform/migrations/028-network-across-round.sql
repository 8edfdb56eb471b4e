-- 028: anomaly review across grids and the whole round (docs/rules.md#review-across-grids-and-the-round). A script
-- that posts twice into each of a township's thirty grids from one address stayed under every per-grid and per-hour
-- limit, and its answers were counted. To see one network across grids and over the whole round, and to hold again
-- what it already got counted once it is seen answering in several grids, each web arrival keeps a keyed hash of its
-- network (an IPv4 address or an IPv6 /64), keyed with the server secret and the round, so it is never an address,
-- cannot be turned back into one without the secret, and cannot link a network across rounds. It is kept only while
-- the round is open: the arrival watch clears the keys of rounds that are no longer open.
ALTER TABLE responses ADD COLUMN network_key TEXT;
ALTER TABLE held_responses ADD COLUMN network_key TEXT;
CREATE INDEX responses_round_network ON responses(round_id, network_key) WHERE network_key IS NOT NULL;
CREATE INDEX held_responses_round_network ON held_responses(round_id, network_key) WHERE network_key IS NOT NULL;
