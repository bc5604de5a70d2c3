"""The Qt-free composition root: paths, the AppContext and its build, environment variables, the self-test."""
