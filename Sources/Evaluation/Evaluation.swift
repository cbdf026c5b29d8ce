// The Evaluation module: see DESIGN.md §2. (Files land with their issues.)
