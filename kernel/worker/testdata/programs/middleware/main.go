// Function types, method values and middleware chains, as an HTTP handler
// stack is built (tested with httptest, no network).
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
)

type Handler func(req string) string

type Middleware func(Handler) Handler

func Chain(h Handler, ms ...Middleware) Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

func Logger(log *[]string) Middleware {
	return func(next Handler) Handler {
		return func(req string) string {
			*log = append(*log, "in:"+req)
			resp := next(req)
			*log = append(*log, "out:"+resp)
			return resp
		}
	}
}

func Upper(next Handler) Handler {
	return func(req string) string { return strings.ToUpper(next(req)) }
}

type Greeter struct{ greeting string }

func (g Greeter) Greet(name string) string { return g.greeting + ", " + name }

// cell

type Router struct {
	routes map[string]http.HandlerFunc
}

func (rt *Router) Handle(path string, f http.HandlerFunc) {
	if rt.routes == nil {
		rt.routes = map[string]http.HandlerFunc{}
	}
	rt.routes[path] = f
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f, ok := rt.routes[r.URL.Path]; ok {
		f(w, r)
		return
	}
	http.Error(w, "no route "+r.URL.Path, http.StatusNotFound)
}

type counterMW struct {
	next  http.Handler
	count map[string]int
}

func (c *counterMW) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.count[r.URL.Path]++
	w.Header().Set("X-Count", fmt.Sprint(c.count[r.URL.Path]))
	c.next.ServeHTTP(w, r)
}

func main() {
	var log []string
	g := Greeter{"hello"}
	h := Chain(g.Greet, Logger(&log), Upper)
	fmt.Println(h("gopher"))
	fmt.Println(log)
	g.greeting = "bye"
	fmt.Println(h("again"), Handler(g.Greet)("x"))

	rt := &Router{}
	rt.Handle("/hi", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hi %s", r.URL.Query().Get("name"))
	})
	rt.Handle("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"ok":true}`)
	})
	cm := &counterMW{next: rt, count: map[string]int{}}
	srv := httptest.NewServer(cm)
	defer srv.Close()
	for _, p := range []string{"/hi?name=ann", "/json", "/nope", "/hi"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			fmt.Println("error", err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%s %d %q %s %s\n", p, resp.StatusCode, strings.TrimSpace(string(body)), resp.Header.Get("Content-Type"), resp.Header.Get("X-Count"))
	}
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("GET", "/hi?name=rec", nil))
	fmt.Println(rec.Code, rec.Body.String())
	var paths []string
	for p := range cm.count {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	fmt.Println(paths, cm.count["/hi"])
}
