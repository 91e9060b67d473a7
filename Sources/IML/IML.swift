// The IML layer: see DESIGN.md ("Architecture").
