// The RefinerySandbox layer: see DESIGN.md ("Architecture").
