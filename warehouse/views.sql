-- Views for SQL users and BI tools (created by every run; see README "Querying").
CREATE OR REPLACE VIEW v_latest_run AS
SELECT * FROM pipeline_runs ORDER BY started_at DESC LIMIT 1;
