-- Course families (store/course_families.go): a published version records the course it
-- translates beside its content hash, and a member row names the course of the family whose
-- completion it copies (the assigned course or one of its translations), so reports and the
-- Art. 4 record show the course once, with the language taken.
ALTER TABLE course_version_hashes ADD COLUMN translation_of TEXT NOT NULL DEFAULT '';
ALTER TABLE assignment_members ADD COLUMN completed_course TEXT NOT NULL DEFAULT '';
-- Until now every completion copied onto a member row was one of the assigned course itself.
UPDATE assignment_members SET completed_course = (SELECT a.course_id FROM assignments a WHERE a.id = assignment_members.assignment_id)
 WHERE completed_version <> '';
