package reporting

import (
	"context"

	"github.com/ailit/ailit/internal/assign"
)

// MemberStatusesSQL is the status of every current member as the dashboard's SQL computes it, by
// assignment and user id, for the consistency test.
func (s *Source) MemberStatusesSQL(ctx context.Context) (map[[2]int64]assign.State, error) {
	as, err := s.Store.Assignments(ctx)
	if err != nil {
		return nil, err
	}
	status, err := s.memberStatusSQL(ctx, as)
	if err != nil {
		return nil, err
	}
	rows, err := s.Store.TestReader().WithContext(ctx).Raw("SELECT m.assignment_id, m.user_id, "+status.SQL+
		" FROM assignment_members m WHERE m.left_at IS NULL", status.Args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]assign.State{}
	for rows.Next() {
		var k [2]int64
		var st int
		if err := rows.Scan(&k[0], &k[1], &st); err != nil {
			return nil, err
		}
		out[k] = stateOf(st)
	}
	return out, rows.Err()
}
