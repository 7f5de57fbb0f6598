-- Each report's findings summed up, kept by triggers, so that monitoring
-- reads one row per report instead of all its findings.
ALTER TABLE reg44_reports ADD COLUMN finding_standards TEXT NOT NULL DEFAULT '';
ALTER TABLE reg44_reports ADD COLUMN serious_finding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reg44_reports ADD COLUMN open_findings INTEGER NOT NULL DEFAULT 0;

CREATE VIEW reg44_report_facts AS
SELECT r.id AS report_id,
       COALESCE((SELECT group_concat(standard) FROM (SELECT DISTINCT standard FROM reg44_findings f
                 WHERE f.report_id = r.id ORDER BY standard)), '') AS standards,
       EXISTS (SELECT 1 FROM reg44_findings f WHERE f.report_id = r.id AND f.severity = 'serious') AS serious,
       (SELECT COUNT(*) FROM reg44_findings f WHERE f.report_id = r.id AND f.status <> 'closed') AS open
FROM reg44_reports r;

CREATE TRIGGER reg44_facts_insert AFTER INSERT ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = NEW.report_id)
    WHERE id = NEW.report_id;
END;
CREATE TRIGGER reg44_facts_update AFTER UPDATE ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = reg44_reports.id)
    WHERE id IN (NEW.report_id, OLD.report_id);
END;
CREATE TRIGGER reg44_facts_delete AFTER DELETE ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = OLD.report_id)
    WHERE id = OLD.report_id;
END;

UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
    (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = reg44_reports.id);
