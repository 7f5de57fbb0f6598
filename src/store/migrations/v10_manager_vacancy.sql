ALTER TABLE settings ADD COLUMN manager_vacant_on TEXT
    CHECK (manager_vacant_on IS NULL OR date(manager_vacant_on) = manager_vacant_on);
UPDATE settings SET manager_vacant_on = COALESCE(monitoring_since, opened_on)
WHERE registered_manager IS NULL AND kind IN ('childrens_home', 'secure_childrens_home')
  AND id NOT IN (SELECT setting_id FROM ofsted_listings);
