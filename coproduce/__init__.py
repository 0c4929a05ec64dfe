"""coproduce: co-produced commissioning for local authorities, children's centres and the VCS."""
