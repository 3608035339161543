package store

// pipelineBatch is the number of records handed over at once: large enough that the hand-over
// costs nothing per record, small enough to keep memory flat.
const pipelineBatch = 256

// pipeline runs scan (which reads the database and emits rows) in its own goroutine and calls fn
// for each row in this one, so reading the rows and making the report from them use two cores.
// Rows keep their order. When fn fails, scan is stopped and fn's error returned.
func pipeline[T any](scan func(emit func(*T) bool) error, fn func(*T) error) error {
	f := startScan(scan)
	for {
		r, ok := f.next()
		if !ok {
			return f.finish(nil)
		}
		if err := fn(r); err != nil {
			return f.finish(err)
		}
	}
}

// feed is the receiving end of a scan that runs on its own goroutine, in batches.
type feed[T any] struct {
	full, free chan []T
	stop       chan struct{}
	scanned    chan error
	batch      []T // the batch being read, nil before the first and after the last
	i          int
}

// startScan runs scan on its own goroutine; next reads what it emits, finish ends it.
func startScan[T any](scan func(emit func(*T) bool) error) *feed[T] {
	f := &feed[T]{full: make(chan []T, 4), free: make(chan []T, 6), stop: make(chan struct{}),
		scanned: make(chan error, 1)}
	go func() {
		defer close(f.full)
		batch := make([]T, 0, pipelineBatch)
		send := func() bool {
			select {
			case f.full <- batch:
			case <-f.stop:
				return false
			}
			select {
			case batch = <-f.free:
				batch = batch[:0]
			default:
				batch = make([]T, 0, pipelineBatch)
			}
			return true
		}
		err := scan(func(r *T) bool {
			batch = append(batch, *r)
			return len(batch) < pipelineBatch || send()
		})
		if err == nil && len(batch) > 0 {
			send()
		}
		f.scanned <- err
	}()
	return f
}

// next returns the next row, valid until the following call, or false after the last.
func (f *feed[T]) next() (*T, bool) {
	if f.i >= len(f.batch) {
		if f.batch != nil {
			select {
			case f.free <- f.batch:
			default:
			}
		}
		b, ok := <-f.full
		if !ok {
			f.batch = nil
			return nil, false
		}
		f.batch, f.i = b, 0
	}
	f.i++
	return &f.batch[f.i-1], true
}

// finish stops the scan if it still runs, waits for it and returns err, or else the scan's error.
func (f *feed[T]) finish(err error) error {
	close(f.stop)
	for range f.full {
	}
	if serr := <-f.scanned; err == nil {
		err = serr
	}
	return err
}
