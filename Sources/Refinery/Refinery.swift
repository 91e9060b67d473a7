// The Refinery layer: see DESIGN.md ("Architecture").
