package kernel

import (
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/fountain-go/fountain/kernel/wire"
	"github.com/fountain-go/fountain/kernel/worker"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

func orTrue(b *bool) bool { return b == nil || *b }

func (k *Kernel) execute(m *wire.Message) {
	var req executeRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.reply(k.shell, m, "execute_reply", map[string]any{"status": "error", "ename": "BadRequest",
			"evalue": err.Error(), "traceback": []string{}, "execution_count": k.count})
		return
	}
	store := orTrue(req.StoreHistory) && !req.Silent
	if store {
		k.count++
	}
	count := k.count
	k.setParent(m)
	if !req.Silent {
		k.publish(m, "execute_input", map[string]any{"code": req.Code, "execution_count": count})
	}
	// zmq4's publisher writes from its own goroutine, which would wait
	// for this one to block on the worker: let it put busy and
	// execute_input on the wire first, so that the front end is done with
	// them sooner (10-30 us off a trivial cell, measured side by side).
	runtime.Gosched()
	ev := k.currentEvaluator()
	raw, err := ev.call(worker.Request{Op: worker.OpExecute, Code: req.Code, AllowStdin: orTrue(req.AllowStdin),
		UserExpressions: req.UserExpressions})
	var rep worker.ExecuteReply
	if err != nil {
		<-ev.exited
		k.waitNewEvaluator(ev)
		msg := fmt.Sprintf("the evaluator process died while running this cell (%s). Everything defined in earlier cells is lost; a fresh evaluator has started.", ev.status)
		rep = worker.ExecuteReply{Status: "error", Ename: "EvaluatorDied", Evalue: msg, Traceback: []string{msg}}
	} else if err := json.Unmarshal(raw, &rep); err != nil {
		rep = worker.ExecuteReply{Status: "error", Ename: "EvaluatorError", Evalue: err.Error(), Traceback: []string{err.Error()}}
	}
	// What the cell printed is captured already: the evaluator's events,
	// its reply too, are read only after the output written before them.
	k.flushOutput()
	if rep.Status == "ok" && rep.Result != nil && !req.Silent {
		k.publish(m, "execute_result", map[string]any{"execution_count": count, "data": rep.Result, "metadata": orEmptyMap(rep.ResultMetadata)})
	}
	content := map[string]any{"status": rep.Status, "execution_count": count}
	if rep.Status == "error" {
		if rep.Traceback == nil {
			rep.Traceback = []string{}
		}
		errContent := map[string]any{"ename": rep.Ename, "evalue": rep.Evalue, "traceback": rep.Traceback}
		if !req.Silent {
			k.publish(m, "error", errContent)
		}
		for key, v := range errContent {
			content[key] = v
		}
	} else {
		if rep.Payload == nil {
			rep.Payload = []any{}
		}
		if rep.UserExpressions == nil {
			rep.UserExpressions = map[string]any{}
		}
		content["payload"], content["user_expressions"] = rep.Payload, rep.UserExpressions
	}
	// The reply goes out while idle is published: the two are on different
	// sockets, in no order a client may rely on, and a write to the shell
	// socket often waited 0.1 ms for the CPU. The next shell message waits
	// for it (shellLoop).
	k.replying.Add(1)
	go func() {
		defer k.replying.Done()
		k.reply(k.shell, m, "execute_reply", content)
		if store {
			// After the reply: a file write is no part of the round trip.
			// The next shell message waits for it, as for the reply.
			k.history.add(count, req.Code)
		}
	}()
	if rep.Status == "error" && orTrue(req.StopOnError) {
		k.abortQueued()
	}
}

// waitNewEvaluator waits until the supervisor has replaced ev.
func (k *Kernel) waitNewEvaluator(ev *evaluator) {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if k.currentEvaluator() != ev {
			return
		}
	}
}

// abortQueued answers the execute requests queued behind a failed cell
// with status "aborted", as stop_on_error asks; other requests are handled
// as usual. Requests still on their way in (sent with the failed one, as
// "run all" does, but not yet read off the socket) count as queued: it
// waits until none has come for abortGrace.
func (k *Kernel) abortQueued() {
	k.replying.Wait() // the failed cell's reply first
	quiet := time.NewTimer(abortGrace)
	defer quiet.Stop()
	for {
		select {
		case m := <-k.shellQueue:
			if m.Header.MsgType != "execute_request" {
				k.handleShell(m)
			} else {
				k.publish(m, "status", map[string]any{"execution_state": "busy"})
				k.reply(k.shell, m, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.count})
				k.publish(m, "status", map[string]any{"execution_state": "idle"})
			}
			quiet.Reset(abortGrace)
		case <-quiet.C:
			return
		}
	}
}

// abortGrace is how long after a failed cell (or the last request it
// aborted) a request still counts as queued behind it. A client that
// waits for each reply, as nbclient does, sends the next request later.
const abortGrace = 5 * time.Millisecond
