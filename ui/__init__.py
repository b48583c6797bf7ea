"""The Gradio page: handlers call `assistant` and `index`, nothing else."""
