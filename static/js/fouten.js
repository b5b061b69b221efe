// Accessible errors: focus the error summary after a failed submit (issue 16 part 3).
