// A URL router with path parameters: a trie of segments, handlers as
// func values, query parsing with net/url, and a middleware chain.
package main

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

type Params map[string]string

type Handler func(p Params, q url.Values) string

type node struct {
	children map[string]*node
	param    *node
	name     string
	handler  Handler
}

type Router struct{ root *node }

func NewRouter() *Router { return &Router{&node{children: map[string]*node{}}} }

func (r *Router) Handle(pattern string, h Handler) {
	n := r.root
	for _, seg := range strings.Split(strings.Trim(pattern, "/"), "/") {
		if strings.HasPrefix(seg, ":") {
			if n.param == nil {
				n.param = &node{children: map[string]*node{}, name: seg[1:]}
			}
			n = n.param
			continue
		}
		c, ok := n.children[seg]
		if !ok {
			c = &node{children: map[string]*node{}}
			n.children[seg] = c
		}
		n = c
	}
	n.handler = h
}

func (r *Router) Serve(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "400 " + err.Error()
	}
	p := Params{}
	n := r.root
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if c, ok := n.children[seg]; ok {
			n = c
		} else if n.param != nil {
			p[n.param.name] = seg
			n = n.param
		} else {
			return "404 " + u.Path
		}
	}
	if n.handler == nil {
		return "404 " + u.Path
	}
	return "200 " + n.handler(p, u.Query())
}

func withPrefix(prefix string, h Handler) Handler {
	return func(p Params, q url.Values) string { return prefix + h(p, q) }
}

func main() {
	r := NewRouter()
	r.Handle("/users", func(p Params, q url.Values) string {
		return fmt.Sprintf("list page=%s sort=%q", q.Get("page"), q["sort"])
	})
	r.Handle("/users/:id", func(p Params, q url.Values) string { return "user " + p["id"] })
	r.Handle("/users/:id/posts/:post", withPrefix("[v2] ", func(p Params, q url.Values) string {
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k+"="+p[k])
		}
		sort.Strings(keys)
		return strings.Join(keys, "&")
	}))
	for _, u := range []string{"/users?page=2&sort=name&sort=-age", "/users/42", "/users/7/posts/abc", "/nope", "/users/1/posts", "http://h/%zz"} {
		fmt.Println(r.Serve(u))
	}
	q := url.Values{}
	q.Set("b", "2 3")
	q.Add("a", "x&y")
	fmt.Println(q.Encode(), url.PathEscape("a b/c"), url.QueryEscape("a b/c"))
}
