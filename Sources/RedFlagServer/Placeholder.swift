// HTTP service; see redflag-server.
