ALTER TABLE contracts ADD COLUMN returns_owed TEXT NOT NULL DEFAULT 'policy'
    CHECK (returns_owed IN ('policy', 'none', 'self_assessment', 'supported_accommodation', 'fostering_review'));
