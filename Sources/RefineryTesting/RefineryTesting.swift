// The RefineryTesting layer: see DESIGN.md ("Architecture").
