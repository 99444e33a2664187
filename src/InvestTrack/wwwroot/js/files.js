// Files between the circuit and the browser. FileButton imports this module once its file input is wired (the import's
// answer is the sign that the browser has handled the input's init before it).
