-- The number of a result document (số, ký hiệu of the result paper: the certificate's number, the decision's "số …/QĐ-…"),
-- sent to the national portal as MaGiayToKetQua in DongBoHoSoMC's DanhSachGiayToKetQua (issue 16), which went out
-- empty because we kept none. The officer enters it when attaching the result; a result approved without one gets the
-- dossier's code and its order among the results (`resultDocumentNumber`, dossier.rules.ts), written
-- in the transaction of the approval, so each result has one, kept and sent the same each time.
ALTER TABLE dossier_file ADD COLUMN document_number text CHECK (length(document_number) BETWEEN 1 AND 100);
COMMENT ON COLUMN dossier_file.document_number IS 'Số, ký hiệu của giấy tờ kết quả (MaGiayToKetQua) / Number of a result document';
