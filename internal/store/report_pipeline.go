package store

// pipelineBatch is the number of records handed over at once: large enough that the hand-over
// costs nothing per record, small enough to keep memory flat.
const pipelineBatch = 256

// pipeline runs scan (which reads the database and emits records) in its own goroutine and calls fn
// for each record in this one, so reading the rows and making the report from them use two cores.
// Records keep their order. When fn fails, scan is stopped and fn's error returned.
func pipeline(scan func(emit func(*ReportRecord) bool) error, fn func(*ReportRecord) error) error {
	full := make(chan []ReportRecord, 4)
	free := make(chan []ReportRecord, 6)
	stop := make(chan struct{})
	scanned := make(chan error, 1)
	go func() {
		defer close(full)
		batch := make([]ReportRecord, 0, pipelineBatch)
		send := func() bool {
			select {
			case full <- batch:
			case <-stop:
				return false
			}
			select {
			case batch = <-free:
				batch = batch[:0]
			default:
				batch = make([]ReportRecord, 0, pipelineBatch)
			}
			return true
		}
		err := scan(func(r *ReportRecord) bool {
			batch = append(batch, *r)
			return len(batch) < pipelineBatch || send()
		})
		if err == nil && len(batch) > 0 {
			send()
		}
		scanned <- err
	}()
	var err error
	for batch := range full {
		for i := 0; i < len(batch) && err == nil; i++ {
			if err = fn(&batch[i]); err != nil {
				close(stop)
			}
		}
		select {
		case free <- batch:
		default:
		}
	}
	if serr := <-scanned; err == nil {
		err = serr
	}
	return err
}
