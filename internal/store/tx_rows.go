package store

import "gorm.io/gorm/clause"

// CreateOrgUnit adds a unit under parent (nil: a root) inside the transaction. Names are unique
// among siblings.
func (tx *Tx) CreateOrgUnit(parentID *int64, name string) (*OrgUnit, error) {
	return tx.s.createOrgUnit(tx.db, parentID, name)
}

// InsertRows writes prepared rows of store models (a pointer to a slice, or to one row) exactly as
// they are, a few hundred per statement, without their associations and without the rules of the
// store's other methods: no evidence event, no member facts. It is for the demo data set, whose
// rows carry those facts already; everything else records through the methods that keep them.
func (tx *Tx) InsertRows(rows any) error {
	return tx.db.Omit(clause.Associations).CreateInBatches(rows, 500).Error
}

// MaxUserID returns the highest user id, 0 without users.
func (tx *Tx) MaxUserID() (int64, error) {
	var id int64
	err := tx.db.Model(&User{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}

// AfterInsertedUsers moves PostgreSQL's user id sequence past users that InsertRows wrote with
// their ids, so the next user created the ordinary way does not get a taken id. SQLite takes the
// next id from the table itself.
func (tx *Tx) AfterInsertedUsers() error {
	if tx.s.Dialect != Postgres {
		return nil
	}
	return tx.db.Exec(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))`).Error
}
