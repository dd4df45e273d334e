-- A scan keeps the name it was attached under: the same content may come twice (in another dossier, or for another
-- document of the same dossier) under other names, while the stored file is kept once by its hash.
ALTER TABLE dossier_file ADD COLUMN file_name text;
UPDATE dossier_file f SET file_name = s.file_name FROM stored_file s WHERE s.sha256 = f.sha256;
ALTER TABLE dossier_file ALTER COLUMN file_name SET NOT NULL;
ALTER TABLE dossier_file DROP CONSTRAINT dossier_file_pkey;
ALTER TABLE dossier_file ADD PRIMARY KEY (dossier_id, sha256, kind, document_name);
COMMENT ON COLUMN dossier_file.file_name IS 'Tên tệp khi đính kèm vào hồ sơ này / File name as attached to this dossier';
