"""jupyter_kernel_test conformance suite for the fountain kernel, every test enabled."""

import unittest

import jupyter_kernel_test as jkt


class FountainKernelTests(jkt.KernelTests):
    kernel_name = "fountain"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "oops")'

    completion_samples = [
        {"text": "strings.ToUp", "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "fmt.Sprint", "matches": {"Sprint", "Sprintf", "Sprintln"}},
    ]

    complete_code_samples = ['fmt.Println("hi")', "x := 1", "func f() int { return 1 }", "%help", "!ls"]
    incomplete_code_samples = ["func f() {", "for i := 0; i < 3; i++ {", "x := []int{1,", "s := `raw"]
    invalid_code_samples = ["x := )", "func f() }", "x = = 2"]

    code_page_something = "strings.ToUpper?"

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": 'strings.Repeat("ab", 2)', "result": "abab"},
        {"code": "x := 6\nx * 7", "result": "42"},
        {"code": 'display.HTML("<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": 'display.Show(display.HTML("<i>shown</i>"))', "mime": "text/html"},
        {"code": 'display.Show(display.Markdown("# title"))', "mime": "text/markdown"},
        {"code": 'display.Show(display.SVG("<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>"))', "mime": "image/svg+xml"},
    ]

    code_history_pattern = "strings.Repeat*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "strings.ToUpper"

    code_clear_output = "display.Clear()"


if __name__ == "__main__":
    unittest.main()
