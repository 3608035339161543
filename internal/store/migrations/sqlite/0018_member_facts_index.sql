-- The status of a member row reads completed_course since course families (0010): a completion
-- of a version a later major release voided is matched by course and version. The index of 0007
-- lacked the column, so the dashboard and the row counts of exports read every member row from
-- the table again instead of from the index alone. The same index, with completed_course last.
DROP INDEX idx_assignment_members_user_id;
CREATE INDEX idx_assignment_members_user_id ON assignment_members (user_id, left_at, assignment_id, joined_at,
    exempted, started, completed_version, completed_at, expires_at, completed_course);
