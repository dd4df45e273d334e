-- Least privilege (issue 11): the application works as a member of the group role motcua_app, which may read and
-- write rows but owns nothing — no DDL, no TRUNCATE, no superuser. Migrations run as the owner of the schema
-- (MIGRATION_DATABASE_URL). Append-only tables grant INSERT and SELECT only, so even a compromised application cannot
-- rewrite history. Roles are cluster-wide: several databases on one server share motcua_app; creating it is idempotent
-- and safe when two migrations race. An owner without CREATEROLE needs the role created beforehand (SECURITY.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_app') THEN
    BEGIN
      CREATE ROLE motcua_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database's migration created it at the same moment
    END;
  END IF;
END $$;

-- Nobody but the owner creates objects in the schema (PostgreSQL < 15 let PUBLIC do so).
DO $$
BEGIN
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'REVOKE CREATE ON SCHEMA public FROM PUBLIC skipped: the migration role does not own schema public';
END $$;

GRANT USAGE ON SCHEMA public TO motcua_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO motcua_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO motcua_app;
-- Tables and sequences that later migrations create get the same row rights (an append-only one revokes UPDATE, DELETE).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO motcua_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO motcua_app;

-- Append-only: the audit trail, the dossier action log, the payment event log.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, dossier_action, payment_event FROM motcua_app;
-- The chain head is written only by the audit trigger (SECURITY DEFINER); the migration bookkeeping by migrations.
REVOKE ALL ON audit_chain_head, schema_migration FROM motcua_app;
GRANT SELECT ON audit_chain_head, schema_migration TO motcua_app;

COMMENT ON TABLE dossier_action IS 'Nhật ký thao tác trên hồ sơ — nguồn sự thật, chỉ ghi thêm (ứng dụng chỉ có quyền INSERT, SELECT) / Append-only action log, the source of truth (the application may only INSERT and SELECT)';
COMMENT ON TABLE payment_event IS 'Nhật ký sự kiện thanh toán, chỉ ghi thêm (ứng dụng chỉ có quyền INSERT, SELECT) / Append-only payment event log (the application may only INSERT and SELECT)';
COMMENT ON TABLE audit_log IS 'Nhật ký thao tác, chỉ ghi thêm, chuỗi băm (ứng dụng chỉ có quyền INSERT, SELECT) / Audit trail, append-only and hash-chained (the application may only INSERT and SELECT)';
