package worker

import "reflect"

// The compiled half of a cell's select statement (see cell.selects): the
// cases live in this call, so goroutines running one select statement no
// longer share them, as they did in the interpreter.

// choose blocks until one of a select statement's cases can proceed,
// proceeds with it and returns its index, or -1 for the default. dirs has
// a letter per case, in order, and ptrs the pointers each case takes:
//
//	's' a send: the channel's, and a buffered channel's holding the value;
//	'r' a receive whose value is not used: the channel's;
//	'v' a receive whose value is: the channel's, which choose replaces by
//	    a buffered channel holding the value (closed if the channel was);
//	'd' the default: none.
//
// The running cell waiting here is interrupted as in time.Sleep; other
// goroutines wait on.
func (i *interrupts) choose(dirs string, ptrs ...any) int {
	cases := make([]reflect.SelectCase, len(dirs), len(dirs)+1)
	into := make([]any, len(dirs)) // a 'v' case's channel
	wait := true
	k := 0
	for j := range len(dirs) {
		switch dirs[j] {
		case 'd':
			cases[j].Dir = reflect.SelectDefault
			wait = false
		case 's':
			v, _ := bidirectional(reflect.ValueOf(ptrs[k+1])).TryRecv()
			cases[j] = reflect.SelectCase{Dir: reflect.SelectSend, Chan: reflect.ValueOf(ptrs[k]).Elem(), Send: v}
			k += 2
		default:
			cases[j] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ptrs[k]).Elem()}
			if dirs[j] == 'v' {
				into[j] = ptrs[k]
			}
			k++
		}
	}
	if wait {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(i.current())})
	}
	for {
		j, v, ok := reflect.Select(cases)
		switch {
		case j == len(dirs):
			if inCell() {
				panic(errInterrupted)
			}
			cases = cases[:len(dirs)]
			continue
		case dirs[j] == 'd':
			return -1
		case dirs[j] == 'v':
			received(into[j], v, ok)
		}
		return j
	}
}

// received sets the channel ptr points to to a new one of its type that
// holds v, or is closed if !ok: the receive of the select's case takes v
// from it as the channel's type has it.
func received(ptr any, v reflect.Value, ok bool) {
	ch := reflect.ValueOf(ptr).Elem()
	buf := reflect.MakeChan(bothWays(ch.Type()), 1)
	if ok {
		buf.Send(v)
	} else {
		buf.Close()
	}
	ch.Set(buf.Convert(ch.Type()))
}

// bidirectional returns the channel ptr points to as a channel of both
// directions, which it is underneath (made by selectBuffer), so that the
// value sent into it can be taken out.
func bidirectional(ptr reflect.Value) reflect.Value {
	return reflect.NewAt(bothWays(ptr.Type().Elem()), ptr.UnsafePointer()).Elem()
}

// selectBuffer sets the channel ptr points to to a new one of its type
// with room for one value: a select's send puts its value there first, as
// the interpreter converts it for the channel (see choose).
func selectBuffer(ptr any) {
	ch := reflect.ValueOf(ptr).Elem()
	ch.Set(reflect.MakeChan(bothWays(ch.Type()), 1).Convert(ch.Type()))
}

// bothWays returns the unnamed channel type of both directions of the
// element type of the channel type t: t itself, mostly.
func bothWays(t reflect.Type) reflect.Type {
	if t.ChanDir() == reflect.BothDir && t.Name() == "" {
		return t
	}
	return reflect.ChanOf(reflect.BothDir, t.Elem())
}
