// The RefineryHTTP layer: see DESIGN.md ("Architecture").
