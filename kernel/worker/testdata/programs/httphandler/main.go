// HTTP handlers defined in cells, served by httptest: a ServeMux with
// method patterns, JSON in and out, middleware and an http.Handler type.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
)

type Todo struct {
	ID    int    `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
}

type Store struct {
	mu    sync.Mutex
	next  int
	todos map[int]*Todo
}

func (s *Store) add(title string) *Todo {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	t := &Todo{ID: s.next, Title: title}
	s.todos[t.ID] = t
	return t
}

func (s *Store) list() []Todo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Todo, 0, len(s.todos))
	for _, t := range s.todos {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

type API struct {
	store *Store
	mux   *http.ServeMux
}

func NewAPI() *API {
	a := &API{store: &Store{todos: map[int]*Todo{}}, mux: http.NewServeMux()}
	a.mux.HandleFunc("GET /todos", a.listTodos)
	a.mux.HandleFunc("POST /todos", a.createTodo)
	a.mux.HandleFunc("POST /todos/{id}/done", func(w http.ResponseWriter, r *http.Request) {
		var id int
		if _, err := fmt.Sscan(r.PathValue("id"), &id); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad id"})
			return
		}
		a.store.mu.Lock()
		t, ok := a.store.todos[id]
		if ok {
			t.Done = true
		}
		a.store.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, t)
	})
	return a
}

func (a *API) listTodos(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.store.list())
}

func (a *API) createTodo(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title string `json:"title"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Title == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "title required"})
		return
	}
	writeJSON(w, http.StatusCreated, a.store.add(in.Title))
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

type logged struct {
	next http.Handler
	mu   sync.Mutex
	log  []string
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

func (l *logged) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w, code: 200}
	l.next.ServeHTTP(rec, r)
	l.mu.Lock()
	l.log = append(l.log, fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, rec.code))
	l.mu.Unlock()
}

func do(h http.Handler, method, path, body string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	fmt.Printf("%s %s -> %d %s %s", method, path, res.StatusCode, res.Header.Get("Content-Type"), b)
	if len(b) == 0 || b[len(b)-1] != '\n' {
		fmt.Println()
	}
}

func main() {
	api := NewAPI()
	h := &logged{next: api}
	do(h, "GET", "/todos", "")
	do(h, "POST", "/todos", `{"title":"write cells"}`)
	do(h, "POST", "/todos", `{"title":"run them"}`)
	do(h, "POST", "/todos", `{}`)
	do(h, "POST", "/todos/1/done", "")
	do(h, "POST", "/todos/9/done", "")
	do(h, "POST", "/todos/x/done", "")
	do(h, "GET", "/todos", "")
	do(h, "DELETE", "/todos", "")

	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/todos")
	if err != nil {
		fmt.Println(err)
		return
	}
	var todos []Todo
	json.NewDecoder(res.Body).Decode(&todos)
	res.Body.Close()
	fmt.Printf("%d %+v\n", res.StatusCode, todos)
	fmt.Println(strings.Join(h.log, "\n"))
}
