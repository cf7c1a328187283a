#!/bin/sh
echo beta
