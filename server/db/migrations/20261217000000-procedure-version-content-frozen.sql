-- A published (or superseded) procedure version is what its decision published: its content never changes — an
-- amendment is a new version (procedure.repo.ts writes content only while the version is a draft). Said here by the
-- database, so that a process may keep the content of a version it has read, by its id: each intake read every
-- non-draft version's whole content (forms, documents, steps; 7 KB for the demo's birth registration, more with an
-- e-form) and parsed it again (issue 12).
CREATE FUNCTION procedure_version_content_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'draft' AND NEW.content IS DISTINCT FROM OLD.content THEN
    RAISE EXCEPTION 'procedure version % is %: its content cannot change', OLD.id, OLD.state USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER procedure_version_content_frozen BEFORE UPDATE OF content ON procedure_version
  FOR EACH ROW EXECUTE FUNCTION procedure_version_content_frozen();
