package store

import "gorm.io/gorm"

// TestWriter and TestReader hand the two pools to tests outside the store that set up or inspect
// rows no store method reaches: a session that ended years ago, a tampered evidence event, a count
// of rows of one kind. Application code goes through the store's methods and InTx only;
// TestOnlyTheStoreSpeaksGORMAndOnlyTestsReachThePools fails when a non-test file calls these.
func (s *Store) TestWriter() *gorm.DB { return s.w }

// TestReader: see TestWriter.
func (s *Store) TestReader() *gorm.DB { return s.r }
