-- 019: a grid's poster names the grid worker and a work phone residents can call to check the poster is genuine
-- (issue 10: a resident taught "don't scan unknown codes" needs someone to verify with). The phone is the worker's
-- published work number, printed on purpose; it still never goes into logs, the audit detail or exports.
-- Both are NULL until someone fills them in; only grids carry them.
ALTER TABLE units ADD COLUMN worker_name TEXT CHECK (worker_name IS NULL OR length(worker_name) BETWEEN 1 AND 20);
ALTER TABLE units ADD COLUMN worker_phone TEXT CHECK (worker_phone IS NULL OR length(worker_phone) BETWEEN 5 AND 20);
